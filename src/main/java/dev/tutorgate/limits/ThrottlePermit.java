package dev.tutorgate.limits;

/** Leave to send one request with one key. The first of complete/cancel counts; later calls do nothing. */
public interface ThrottlePermit {
    /** The call reached the provider (whatever its outcome): count the tokens it really used instead of the estimate. */
    void complete(long inputTokens, long outputTokens);

    /** The request never reached the provider (e.g. the connection failed): give its request and tokens back. */
    void cancel();
}
