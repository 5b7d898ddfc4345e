package dev.tutorgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiResponseMapperTest {

    private static ProviderReply reply(String json) throws Exception {
        return OpenAiResponseMapper.reply(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                RateLimitSnapshot.NONE);
    }

    @Test
    void mapsAChatCompletion() throws Exception {
        ProviderReply reply = reply("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"A monad is…\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,\"total_tokens\":2306,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"service_tier\":\"default\"}");

        assertThat(reply.text()).isEqualTo("A monad is…");
        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(reply.usage()).isEqualTo(new Usage(2006, 1920, 0, 0, 300, 0, false));
    }

    @Test
    void compatibleServerWithoutDetailsOrUsage() throws Exception {
        assertThat(reply("{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}").usage()).isEqualTo(Usage.of(5, 2));
        assertThat(reply("{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}").usage())
                .isNull();
    }

    @Test
    void inconsistentCountsAreClampedNotFatal() throws Exception {
        Usage usage = reply("{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":10,"
                + "\"completion_tokens\":-4,\"prompt_tokens_details\":{\"cached_tokens\":50}}}").usage();

        assertThat(usage).isEqualTo(new Usage(10, 10, 0, 0, 0, 0, false));
    }

    @Test
    void noChoicesIsBroken() {
        assertThatThrownBy(() -> reply("{\"choices\":[]}"))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN));
    }

    @Test
    void contentFilterIsBlocked() {
        assertThatThrownBy(() -> reply("{\"choices\":[{\"message\":{\"content\":null},"
                + "\"finish_reason\":\"content_filter\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0}}"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.reportedUsage()).isEqualTo(Usage.of(5, 0));
                });
    }

    @Test
    void onlyTheFirstChoiceIsTheAnswerWhateverTheFieldOrder() throws Exception {
        ProviderReply reply = reply("{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3},\"choices\":["
                + "{\"finish_reason\":\"stop\",\"message\":{\"tool_calls\":[{\"x\":[1,{\"y\":2}]}],\"content\":\"first\"}},"
                + "{\"message\":{\"content\":\"second\"},\"finish_reason\":\"length\"}],\"extra\":{\"a\":[1,2]}}");

        assertThat(reply.text()).isEqualTo("first");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.usage()).isEqualTo(Usage.of(7, 3));
    }

    @Test
    void oddShapesGiveAnEmptyAnswerOrNoChoicesNeverACrash() throws Exception {
        assertThat(reply("{\"choices\":[{\"message\":null}]}").text()).isEmpty();
        assertThat(reply("{\"choices\":[{\"message\":{\"content\":42}}]}").text()).isEmpty();
        for (String noChoices : new String[] {"{}", "{\"choices\":null}", "{\"choices\":{\"0\":1}}",
                "{\"choices\":[null,{\"message\":{\"content\":\"not the first\"}}]}"}) {
            assertThatThrownBy(() -> reply(noChoices)).as(noChoices)
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN));
        }
    }

    @Test
    void malformedOrCutJsonIsAnIoErrorForTheCallerToClassify() {
        for (String bad : new String[] {"[1,2]", "{\"choices\":[{\"message\":{\"content\":\"cut", "not json"}) {
            assertThatThrownBy(() -> reply(bad)).as(bad).isInstanceOf(java.io.IOException.class);
        }
    }
}
