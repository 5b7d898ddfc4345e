package dev.tutorgate.stress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code limit} bytes were read: a server gone wrong cannot fill the client's memory. */
final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws ResponseTooLargeException {
        read += n;
        if (read > limit) {
            throw new ResponseTooLargeException(limit);
        }
    }

    static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(long limit) {
            super("the response is larger than " + limit + " bytes");
        }
    }
}
