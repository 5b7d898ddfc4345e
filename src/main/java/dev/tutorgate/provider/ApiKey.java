package dev.tutorgate.provider;

import java.util.Objects;

/**
 * One API key of a provider account. {@code alias} (e.g. "gemini-main#2") is what logs, the ledger
 * and the dashboard show; {@code secret} is sent to the provider and nowhere else.
 */
public record ApiKey(String alias, String secret) {
    public ApiKey {
        Objects.requireNonNull(alias, "alias");
        secret = secret == null ? "" : secret;
    }

    @Override
    public String toString() {
        return "ApiKey[" + alias + ", secret=***]";
    }
}
