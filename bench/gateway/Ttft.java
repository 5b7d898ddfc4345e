import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time to first token of a streamed chat completion, through each target in turn.
 *
 * <p>Usage: {@code java Ttft.java ROUNDS REQUESTS_PER_ROUND TARGET...} where a TARGET is
 * {@code name|url|Header: value|Header: value…}. Each round sends REQUESTS_PER_ROUND streamed
 * requests, one after the other, to every target in turn (A B C, A B C …), and prints one line per
 * target and round: {@code name round median_us p90_us min_us}. TTFT is the time from sending the
 * request to reading the first {@code data:} event whose {@code delta.content} is not empty (the
 * role-only first chunk does not count). Each target keeps its own HTTP/1.1 keep-alive connection.
 */
public final class Ttft {
    private static final String BODY = "{\"model\":\"gpt-4.1-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is a virtual environment?\"}]}";

    record Target(String name, HttpClient client, HttpRequest request) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int perRound = Integer.parseInt(args[1]);
        List<Target> targets = new ArrayList<>();
        for (String spec : Arrays.copyOfRange(args, 2, args.length)) {
            String[] parts = spec.split("\\|");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(parts[1]))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY));
            for (int i = 2; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                request.header(parts[i].substring(0, colon).trim(), parts[i].substring(colon + 1).trim());
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            targets.add(new Target(parts[0], client, request.build()));
        }
        for (Target t : targets) { // warm-up: JIT of this client, the target's connection and its own warm-up
            for (int i = 0; i < Math.max(5, perRound / 4); i++) {
                once(t);
            }
        }
        Map<String, List<Long>> medians = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Target t : targets) {
                long[] samples = new long[perRound];
                for (int i = 0; i < perRound; i++) {
                    samples[i] = once(t);
                }
                Arrays.sort(samples);
                long median = samples[perRound / 2];
                medians.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(median);
                System.out.printf("%s %d %d %d %d%n", t.name(), round, median / 1000,
                        samples[(int) Math.min(perRound - 1, Math.ceil(perRound * 0.9) - 1)] / 1000, samples[0] / 1000);
            }
        }
    }

    /** One streamed request: nanoseconds until the first non-empty content delta; the rest is read to the end. */
    private static long once(Target t) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = t.client().send(t.request(), HttpResponse.BodyHandlers.ofInputStream());
        long first = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(t.name() + ": HTTP " + response.statusCode() + " " + lines.readLine());
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (first < 0 && line.startsWith("data:") && hasContent(line)) {
                    first = System.nanoTime() - start;
                }
            }
        }
        if (first < 0) {
            throw new IllegalStateException(t.name() + ": the stream carried no content");
        }
        return first;
    }

    private static boolean hasContent(String line) {
        int at = line.indexOf("\"content\":\"");
        return at >= 0 && at + 11 < line.length() && line.charAt(at + 11) != '"';
    }
}
