package dev.tutorgate.provider.emulator;

/**
 * Renders one streamed answer event by event. Stateful (e.g. Gemini's array separators), so
 * one instance per response.
 */
interface StreamEncoder {
    String contentType();

    /** What precedes the first token (OpenAI's role chunk, Anthropic's message_start …). */
    String open();

    /**
     * One event carrying {@code text}.
     *
     * @param sent answer tokens sent so far, including these
     * @param last whether this is the last piece of the answer
     */
    String chunk(String text, int sent, boolean last);

    /** What follows the last token (end markers, final usage). */
    String close();

    /** An error event after HTTP 200, and whatever ends the body after it. */
    String error(int sent);
}
