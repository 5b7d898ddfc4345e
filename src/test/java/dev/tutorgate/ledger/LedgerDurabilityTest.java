package dev.tutorgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.storage.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "record returned" must mean "survives the process being killed": a child JVM records rows and
 * acknowledges each one on stdout; we SIGKILL it right after reading an acknowledgement, reopen the
 * database and look for every acknowledged row.
 */
class LedgerDurabilityTest {
    /** The terminator tells a whole line from one cut by the kill ("ACK w1-12 OK" cut to "ACK w1-1"). */
    private static final Pattern ACK = Pattern.compile("ACK (w\\d+-\\d+) OK");
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyAcknowledgedRowSurvivesSigkill() throws Exception {
        Path dbFile = dir.resolve("tutorgate.db");
        Path logFile = dir.resolve("chat.log");
        Path childErr = dir.resolve("child.err");
        Process child = new ProcessBuilder(javaOfThisJvm(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                LedgerDurabilityChild.class.getName(), dbFile.toString(), logFile.toString(), "8")
                .redirectError(childErr.toFile())
                .start();

        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                Matcher ack = ACK.matcher(line);
                if (ack.matches()) {
                    acknowledged.add(ack.group(1));
                }
            }
            // SIGKILL on Linux: no shutdown hook, no close(), right after the last acknowledgement we read.
            // (Lines still in the pipe were acknowledged too, but the test only counts what it saw.)
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }

        assertThat(acknowledged).as("acknowledgements before the child ended (stderr: %s)", stderrOf(childErr))
                .hasSize(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Set<String> stored;
        try (Database db = Database.open("jdbc:sqlite:" + dbFile)) {
            stored = new HashSet<>(db.read(c -> {
                List<String> ids = new ArrayList<>();
                try (var s = c.prepareStatement("SELECT request_id FROM ledger"); var rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }));
        }
        assertThat(stored).containsAll(acknowledged);

        Set<String> logged = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(logFile)) {
            if (line.endsWith("}")) { // a line cut by the kill may end the file
                logged.add(json.readTree(line).get("requestId").asText());
            }
        }
        assertThat(logged).containsAll(acknowledged);
    }

    private static String javaOfThisJvm() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static String stderrOf(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
