package dev.tutorgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** storage.requestLog: the brief's chat.log, on by default, off with null. */
class RequestLogConfigTest {
    @Test
    void theRequestLogIsOnByDefaultNextToTheDatabase() {
        TutorgateConfig c = ConfigLoader.fromYaml(null, "defaults", Map.of()).config();

        assertThat(c.storage().requestLog()).isEqualTo("./data/chat.log");
        assertThat(c.storage().ledger()).isEqualTo("jdbc:sqlite:./data/tutorgate.db");
    }

    @Test
    void nullTurnsItOffAndTheEnvironmentCanMoveIt() {
        TutorgateConfig off = ConfigLoader.fromYaml("storage: { requestLog: null }", "t.yaml", Map.of()).config();
        TutorgateConfig moved = ConfigLoader.fromYaml(null, "defaults",
                Map.of("TUTORGATE_STORAGE_REQUESTLOG", "/var/log/tutorgate/chat.log")).config();

        assertThat(off.storage().requestLog()).isNull();
        assertThat(off.storage().ledger()).isEqualTo("jdbc:sqlite:./data/tutorgate.db");
        assertThat(moved.storage().requestLog()).isEqualTo("/var/log/tutorgate/chat.log");
    }

    @Test
    void anEmptyPathIsNamedAsAProblem() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("storage: { requestLog: '  ' }", "t.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.requestLog")
                .hasMessageContaining("null for none");
    }
}
