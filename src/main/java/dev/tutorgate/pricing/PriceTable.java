package dev.tutorgate.pricing;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.config.TutorgateConfig.Model;
import dev.tutorgate.config.TutorgateConfig.Price;
import dev.tutorgate.config.TutorgateConfig.PriceRates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rates in force for a model on a day, from the dated {@code prices:} rows of the
 * configuration and each model's inline {@code price:}, which overrides the table on every day.
 *
 * <p>A row applies from its {@code effectiveFrom} until the next row of the same model; of two rows
 * with the same model and day, the later in the list wins (your file's rows come after the
 * defaults). A model is found by its configured name or its upstream name; table rows under the
 * configured name are preferred to rows under the upstream name. Immutable.
 */
public final class PriceTable {
    private final Map<String, NavigableMap<LocalDate, TokenRates>> rows = new HashMap<>();
    private final Map<String, TokenRates> inlineByName = new HashMap<>();
    private final Map<String, TokenRates> inlineByUpstream = new HashMap<>();
    private final Set<String> configuredNames = new HashSet<>();
    /** For each name a model may be asked by, the names its table rows may be under, preferred first. */
    private final Map<String, List<String>> rowNames = new HashMap<>();

    public PriceTable(List<Price> prices, List<Model> models) {
        for (Price price : prices) {
            rows.computeIfAbsent(price.model(), m -> new TreeMap<>()).put(price.effectiveFrom(), TokenRates.of(price.rates()));
        }
        for (Model model : models) {
            String upstream = model.upstreamNameOrName();
            if (model.price() != null) {
                TokenRates rates = TokenRates.of(model.price());
                inlineByName.put(model.name(), rates);
                inlineByUpstream.putIfAbsent(upstream, rates);
            }
            configuredNames.add(model.name());
            alias(model.name(), upstream);
            alias(upstream, model.name());
        }
    }

    public static PriceTable from(TutorgateConfig config) {
        return new PriceTable(config.prices(), config.models());
    }

    /** The configured rates (USD per 1M tokens) in force for {@code model} on {@code date}. */
    public Optional<PriceRates> ratesFor(String model, LocalDate date) {
        return tokenRates(model, date).map(TokenRates::source);
    }

    Optional<TokenRates> tokenRates(String model, LocalDate date) {
        // a configured model's own inline price; an upstream name borrows one only if no model is named so
        TokenRates own = configuredNames.contains(model) ? inlineByName.get(model) : inlineByUpstream.get(model);
        if (own != null) {
            return Optional.of(own);
        }
        for (String name : rowNames.getOrDefault(model, List.of(model))) {
            NavigableMap<LocalDate, TokenRates> dated = rows.get(name);
            Map.Entry<LocalDate, TokenRates> inForce = dated == null ? null : dated.floorEntry(date);
            if (inForce != null) {
                return Optional.of(inForce.getValue());
            }
        }
        return Optional.empty();
    }

    /** Why there is no price, for the error message. */
    String missingDetail(String model) {
        return rowNames.getOrDefault(model, List.of(model)).stream()
                .filter(rows::containsKey)
                .findFirst()
                .map(name -> " (its first price row, under '" + name + "', starts " + rows.get(name).firstKey() + ")")
                .orElse(" (the model has no price row)");
    }

    private void alias(String model, String otherName) {
        List<String> names = rowNames.computeIfAbsent(model, m -> new ArrayList<>(List.of(m)));
        if (!names.contains(otherName)) {
            names.add(otherName);
        }
    }
}
