package io.pod4j.api.quantity;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Comparator;

/**
 * What fabric8's {@link Quantity} lacks, in Kubernetes' own arithmetic ({@code resource.Quantity}):
 * checking a quantity's syntax with the API server's words, its canonical form ({@code 0.5} is
 * stored as {@code 500m}, {@code 1.5Gi} as {@code 1536Mi}), and {@code Value()}/{@code MilliValue()},
 * which round away from zero. fabric8's {@code Quantity} stays the type in the model;
 * {@link Quantity#getNumericalAmount()} gives the exact value.
 */
public final class Quantities {

    /** Orders quantities by value: {@code 1Ki} and {@code 1024} compare equal. */
    public static final Comparator<Quantity> BY_VALUE = Comparator.comparing(Quantities::toBigDecimal);

    private Quantities() {
    }

    /**
     * @param text a quantity such as {@code 500m}, {@code 128Mi}, {@code 1e3}
     * @return a fabric8 quantity holding the text as written
     * @throws IllegalArgumentException in the API server's words when {@code text} is not a quantity
     *     ({@code quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'})
     */
    public static Quantity parse(String text) {
        Amount.parse(text);
        return new Quantity(text);
    }

    /**
     * @param quantity a fabric8 quantity
     * @return the same quantity as the API server stores it: {@code 0.5} → {@code 500m}, {@code 1000} → {@code 1k};
     *     text that needs no normalisation is kept verbatim
     * @throws IllegalArgumentException when it is not a valid quantity
     */
    public static Quantity canonical(Quantity quantity) {
        return new Quantity(Amount.parse(text(quantity)).toString());
    }

    /**
     * @param quantity a fabric8 quantity
     * @return its value in base units (cores, bytes), rounded away from zero, as Kubernetes' {@code Value()}
     */
    public static long value(Quantity quantity) {
        return Amount.parse(text(quantity)).value();
    }

    /**
     * @param quantity a fabric8 quantity
     * @return its value in thousandths, rounded away from zero, as Kubernetes' {@code MilliValue()}: {@code 0.5} gives 500
     */
    public static long milliValue(Quantity quantity) {
        return Amount.parse(text(quantity)).milliValue();
    }

    /**
     * @param quantity a fabric8 quantity
     * @return its exact value in base units
     */
    public static BigDecimal toBigDecimal(Quantity quantity) {
        return Amount.parse(text(quantity)).toBigDecimal();
    }

    /**
     * @param value a whole amount, such as a number of cores or bytes
     * @param binary whether to print it with binary suffixes ({@code Ki}, {@code Mi}...) rather than decimal ones
     * @return the quantity in canonical form, as Kubernetes' {@code NewQuantity}
     */
    public static Quantity of(long value, boolean binary) {
        return new Quantity(Amount.of(value, binary ? Amount.Format.BINARY_SI : Amount.Format.DECIMAL_SI).toString());
    }

    /**
     * @param millis an amount in thousandths, such as millicores
     * @return the quantity in canonical form, as Kubernetes' {@code NewMilliQuantity}: 500 gives {@code 500m}
     */
    public static Quantity ofMillis(long millis) {
        return new Quantity(Amount.ofMillis(millis, Amount.Format.DECIMAL_SI).toString());
    }

    private static String text(Quantity quantity) {
        String amount = quantity.getAmount() == null ? "" : quantity.getAmount();
        return quantity.getFormat() == null ? amount : amount + quantity.getFormat();
    }
}
