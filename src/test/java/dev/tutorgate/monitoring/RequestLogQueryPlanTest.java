package dev.tutorgate.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log reaches a request's messages through an index, never by reading the whole table. */
class RequestLogQueryPlanTest {
    @Test
    void theQuestionOfEachLineIsFoundThroughItsConversation(@TempDir Path dir) {
        try (MonitoringDb m = new MonitoringDb(dir)) {
            List<String> plan = m.db.read(c -> {
                List<String> steps = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN " + RequestLogQueries.LINE)) {
                    while (rs.next()) {
                        steps.add(rs.getString("detail"));
                    }
                }
                return steps;
            });

            assertThat(plan).anySatisfy(step -> assertThat(step).contains("messages").contains("messages_conversation"))
                    .noneSatisfy(step -> assertThat(step).matches("SCAN m\\b.*|SCAN messages\\b.*"));
        }
    }
}
