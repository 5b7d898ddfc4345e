package dev.tutorgate.provider.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Models that are down, each until a time or until turned off. */
final class Outages {
    private static final long UNTIL_TURNED_OFF = Long.MAX_VALUE;
    private final ConcurrentHashMap<String, Long> downUntilMs = new ConcurrentHashMap<>();

    void down(String model, Long untilMs) {
        downUntilMs.put(model, untilMs == null ? UNTIL_TURNED_OFF : untilMs);
    }

    void up(String model) {
        downUntilMs.remove(model);
    }

    boolean isDown(String model, long nowMs) {
        if (downUntilMs.isEmpty() || model == null) {
            return false;
        }
        Long until = downUntilMs.get(model);
        if (until == null) {
            return false;
        }
        if (nowMs < until) {
            return true;
        }
        downUntilMs.remove(model, until);
        return false;
    }

    List<Outage> current(long nowMs) {
        List<Outage> list = new ArrayList<>();
        for (Map.Entry<String, Long> e : downUntilMs.entrySet()) {
            long until = e.getValue();
            if (until == UNTIL_TURNED_OFF) {
                list.add(new Outage(e.getKey(), null));
            } else if (nowMs < until) {
                list.add(new Outage(e.getKey(), Instant.ofEpochMilli(until)));
            }
        }
        list.sort(Comparator.comparing(Outage::model));
        return list;
    }

    void clear() {
        downUntilMs.clear();
    }
}
