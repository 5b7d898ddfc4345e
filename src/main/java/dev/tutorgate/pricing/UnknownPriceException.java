package dev.tutorgate.pricing;

import java.time.LocalDate;

/** No price is in force for a model on a day, so its cost cannot be known (and must not be guessed). */
public class UnknownPriceException extends RuntimeException {
    public UnknownPriceException(String model, LocalDate date, String detail) {
        super("No price for model '" + model + "' on " + date + detail
                + ": add a row under prices: (model, effectiveFrom, rates in USD per 1M tokens) or a price: to the model");
    }
}
