package io.pod4j.api.quantity;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A fixed-point amount such as {@code 500m} CPU or {@code 128Mi} memory, parsed and printed
 * exactly as Kubernetes' {@code resource.Quantity} does.
 *
 * <p>Grammar: a signed decimal number ({@code 1}, {@code 1.5}, {@code .5}, {@code 1.}) followed by
 * a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}), a decimal SI suffix ({@code n u m k M G T P E}
 * or none) or a decimal exponent ({@code e3}, {@code E-3}). The suffix kind is remembered and
 * used again when printing, in Kubernetes' canonical form: no fractional digits, the largest
 * suffix that loses no precision ({@code 0.5} prints {@code 500m}, {@code 1.5Gi} prints
 * {@code 1536Mi}, {@code 1000} prints {@code 1k}, {@code 1e3} prints {@code 1e3}).
 *
 * <p>Kubernetes' quirks are kept on purpose, so that a manifest reads the same here as in a
 * cluster: values finer than a nano are rounded away from zero ({@code 0.9n} is {@code 1n});
 * binary SI amounts are capped at 2<sup>63</sup>-1; a string that parses without any
 * normalisation is printed back unchanged (so {@code +1} stays {@code +1}, {@code 1.500} stays
 * {@code 1.500}), because the API server reuses such strings verbatim.
 *
 * <p>Two quantities are {@link #equals equal} when their values are equal, whatever their
 * format: {@code 1Ki} equals {@code 1024}.
 */
final class Amount implements Comparable<Amount> {

    /** How a quantity prints its suffix, as Kubernetes' {@code resource.Format}. */
    public enum Format {
        /** Powers of ten with SI letters: {@code 12M} is 12·10<sup>6</sup>. */
        DECIMAL_SI,
        /** Powers of two with IEC letters: {@code 12Mi} is 12·2<sup>20</sup>. */
        BINARY_SI,
        /** Powers of ten as an exponent: {@code 12e6}. */
        DECIMAL_EXPONENT
    }

    /** Kubernetes' pattern, quoted in its error message for malformed quantities. */
    public static final String PATTERN = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    static final String ERR_FORMAT = "quantities must match the regular expression '" + PATTERN + "'";
    static final String ERR_SUFFIX = "unable to parse quantity's suffix";
    static final String ERR_NUMERIC = "unable to parse numeric part of quantity";

    private static final int NANO = -9;
    private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal ONE_NANO = BigDecimal.ONE.movePointLeft(9);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigInteger KIBI = BigInteger.valueOf(1024);

    /** The zero quantity, printed {@code 0}. */
    public static final Amount ZERO = new Amount(BigDecimal.ZERO, Format.DECIMAL_SI, "0");

    private final BigDecimal amount;
    private final Format format;
    private final String text;

    private Amount(BigDecimal amount, Format format, String text) {
        this.amount = amount;
        this.format = format;
        this.text = text != null ? text : canonical(amount, format);
    }

    /**
     * Parses a quantity as the API server does.
     *
     * @param text the quantity, e.g. {@code 500m}, {@code 128Mi}, {@code 1e3}; no surrounding spaces
     * @return the parsed value
     * @throws IllegalArgumentException with Kubernetes' own message when {@code text} is not a quantity
     */
    public static Amount parse(String text) {
        Objects.requireNonNull(text, "quantity");
        if (text.isEmpty()) {
            throw invalid(text, ERR_FORMAT);
        }
        if (text.equals("0")) {
            return ZERO;
        }
        Scan scan = Scan.of(text);
        Suffix suffix = Suffix.interpret(scan.suffix);
        if (suffix == null) {
            throw invalid(text, ERR_SUFFIX);
        }
        Amount fast = fastPath(text, scan, suffix);
        return fast != null ? fast : slowPath(text, scan, suffix);
    }

    /**
     * A whole quantity such as {@code of(2, BINARY_SI)}, like Kubernetes' {@code NewQuantity}.
     *
     * @param value the amount in base units (bytes, cores)
     * @param format how to print it
     * @return the quantity
     */
    public static Amount of(long value, Format format) {
        return new Amount(BigDecimal.valueOf(value), Objects.requireNonNull(format, "format"), null);
    }

    /**
     * A quantity in thousandths, like Kubernetes' {@code NewMilliQuantity}: {@code ofMillis(500, DECIMAL_SI)}
     * prints {@code 500m}.
     *
     * @param millis the amount in thousandths of a base unit
     * @param format how to print it
     * @return the quantity
     */
    public static Amount ofMillis(long millis, Format format) {
        return new Amount(BigDecimal.valueOf(millis, 3), Objects.requireNonNull(format, "format"), null);
    }

    /**
     * An exact decimal amount, like Kubernetes' {@code NewDecimalQuantity}.
     *
     * @param value the amount in base units
     * @param format how to print it
     * @return the quantity
     */
    public static Amount of(BigDecimal value, Format format) {
        return new Amount(Objects.requireNonNull(value, "value"), Objects.requireNonNull(format, "format"), null);
    }

    /** @return the format remembered from parsing, used when printing */
    public Format format() {
        return format;
    }

    /** @return the exact value in base units (cores, bytes) */
    public BigDecimal toBigDecimal() {
        return amount;
    }

    /** @return {@code -1}, {@code 0} or {@code 1} as the value is negative, zero or positive */
    public int signum() {
        return amount.signum();
    }

    /**
     * The value in base units rounded away from zero to a whole number, like Kubernetes'
     * {@code Value()}: {@code 1.5} gives 2, {@code 128Mi} gives 134217728. Saturates at
     * {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} where Kubernetes would overflow.
     *
     * @return the rounded value
     */
    public long value() {
        return scaled(0);
    }

    /**
     * The value in thousandths rounded away from zero, like Kubernetes' {@code MilliValue()}:
     * {@code 0.5} gives 500, {@code 1n} gives 1. Saturates like {@link #value()}.
     *
     * @return the rounded value in thousandths
     */
    public long milliValue() {
        return scaled(3);
    }

    private long scaled(int decimals) {
        if (amount.signum() == 0) {
            return 0;
        }
        // Decide by magnitude first so that an exponent like 1e999999999 is never expanded.
        long digits = (long) amount.precision() - amount.scale() + decimals; // |x| < 10^digits
        if (digits > 19) {
            return amount.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (digits <= 0) {
            return amount.signum(); // less than one unit: rounds away from zero to +-1
        }
        BigDecimal moved = amount.movePointRight(decimals).setScale(0, RoundingMode.UP);
        if (moved.abs().compareTo(MAX_INT64) > 0) {
            return amount.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return moved.longValueExact();
    }

    /** Orders by value, ignoring format: {@code 1Ki} compares equal to {@code 1024}. */
    @Override
    public int compareTo(Amount other) {
        return amount.compareTo(other.amount);
    }

    /** Equal when the values are equal, whatever the format, as Kubernetes' {@code Equal}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Amount q && amount.compareTo(q.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.signum() == 0 ? 0 : amount.stripTrailingZeros().hashCode();
    }

    /** @return the canonical text as Kubernetes prints it, e.g. {@code 500m}, {@code 1536Mi} */
    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------- parsing

    /** The pieces of a quantity string, split as Kubernetes' scanner splits them. */
    private record Scan(boolean positive, String num, String denom, String suffix) {

        static Scan of(String s) {
            int end = s.length();
            int pos = 0;
            boolean positive = true;
            if (s.charAt(0) == '-') {
                positive = false;
                pos++;
            } else if (s.charAt(0) == '+') {
                pos++;
            }
            while (pos < end && s.charAt(pos) == '0') {
                pos++;
            }
            if (pos >= end) {
                return new Scan(positive, "0", "", ""); // only zeros (or only a sign): zero
            }
            int start = pos;
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
            String num = pos == start ? "0" : s.substring(start, pos);
            String denom = "";
            if (pos < end && s.charAt(pos) == '.') {
                pos++;
                int denomStart = pos;
                while (pos < end && isDigit(s.charAt(pos))) {
                    pos++;
                }
                denom = s.substring(denomStart, pos); // "1." and "1.G" are accepted, like Kubernetes
            }
            int suffixStart = pos;
            while (pos < end && "eEinumkKMGTP".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos < end && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos < end) {
                throw invalid(s, ERR_FORMAT);
            }
            return new Scan(positive, num, denom, s.substring(suffixStart));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    /** What a suffix means: {@code base^exponent} and the format it implies. */
    private record Suffix(int base, int exponent, Format format) {

        static Suffix interpret(String s) {
            switch (s) {
                case "": return new Suffix(10, 0, Format.DECIMAL_SI);
                case "n": return new Suffix(10, -9, Format.DECIMAL_SI);
                case "u": return new Suffix(10, -6, Format.DECIMAL_SI);
                case "m": return new Suffix(10, -3, Format.DECIMAL_SI);
                case "k": return new Suffix(10, 3, Format.DECIMAL_SI);
                case "M": return new Suffix(10, 6, Format.DECIMAL_SI);
                case "G": return new Suffix(10, 9, Format.DECIMAL_SI);
                case "T": return new Suffix(10, 12, Format.DECIMAL_SI);
                case "P": return new Suffix(10, 15, Format.DECIMAL_SI);
                case "E": return new Suffix(10, 18, Format.DECIMAL_SI);
                case "Ki": return new Suffix(2, 10, Format.BINARY_SI);
                case "Mi": return new Suffix(2, 20, Format.BINARY_SI);
                case "Gi": return new Suffix(2, 30, Format.BINARY_SI);
                case "Ti": return new Suffix(2, 40, Format.BINARY_SI);
                case "Pi": return new Suffix(2, 50, Format.BINARY_SI);
                case "Ei": return new Suffix(2, 60, Format.BINARY_SI);
                default:
                    break;
            }
            if (s.length() > 1 && (s.charAt(0) == 'e' || s.charAt(0) == 'E')) {
                try {
                    // Kubernetes reads the exponent as int64 and then narrows it to int32.
                    return new Suffix(10, (int) Long.parseLong(s.substring(1)), Format.DECIMAL_EXPONENT);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }

    /**
     * The API server's int64 path: exact for up to 18 digits at nano precision or coarser, and
     * the only path where an already canonical input string is kept verbatim.
     */
    private static Amount fastPath(String text, Scan scan, Suffix suffix) {
        long scale; // long: an exponent near Integer.MIN_VALUE must not wrap when the fraction is subtracted
        int precision;
        long mantissa = 1;
        if (suffix.format == Format.BINARY_SI) {
            scale = 0;
            if (suffix.exponent >= 0 && scan.denom.isEmpty()) {
                mantissa = 1L << suffix.exponent;
                precision = 15 - scan.num.length() - (int) ((float) suffix.exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        } else {
            scale = suffix.exponent;
            precision = 18 - (scan.num.length() + scan.denom.length());
        }
        if (precision < 0) {
            return null;
        }
        scale -= scan.denom.length();
        if (scale < NANO) {
            return null;
        }
        String shifted = scan.num + scan.denom;
        long value = Long.parseLong(shifted);
        long result;
        try {
            result = Math.multiplyExact(value, mantissa);
        } catch (ArithmeticException overflow) {
            return null;
        }
        if (!scan.positive) {
            result = -result;
        }
        BigDecimal amount = BigDecimal.valueOf(result, (int) -scale);
        boolean keepText = suffix.format == Format.BINARY_SI
                ? suffix.exponent % 10 == 0 && (value & 0x07) != 0
                : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
        return new Amount(amount, suffix.format, keepText ? text : null);
    }

    /** The API server's arbitrary-precision path: rounds to nano and caps binary amounts. */
    private static Amount slowPath(String text, Scan scan, Suffix suffix) {
        BigDecimal amount = new BigDecimal(new BigInteger(scan.num + scan.denom), scan.denom.length());
        try {
            amount = suffix.base == 10
                    ? amount.scaleByPowerOfTen(suffix.exponent)
                    : amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(suffix.exponent)));
        } catch (ArithmeticException scaleOverflow) {
            throw invalid(text, ERR_NUMERIC);
        }
        Format format = suffix.format;
        if (amount.signum() != 0 && amount.scale() > -NANO) {
            // Round non-zero values up to the smallest representable amount ("if you ask for some
            // resources you get some"); decide tiny values without expanding huge exponents.
            amount = amount.precision() - amount.scale() <= NANO
                    ? ONE_NANO
                    : amount.setScale(-NANO, RoundingMode.UP);
        }
        if (format == Format.BINARY_SI && amount.compareTo(MAX_INT64) > 0) {
            amount = MAX_INT64;
        }
        if (format == Format.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
            format = Format.DECIMAL_SI;
        }
        if (!scan.positive) {
            amount = amount.negate();
        }
        return new Amount(amount, format, null);
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("cannot parse '" + text + "': " + reason);
    }

    // ---------------------------------------------------------------- printing

    private static String canonical(BigDecimal amount, Format format) {
        if (amount.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            boolean small = amount.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean whole = amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
            if (small || !whole) {
                format = Format.DECIMAL_SI; // avoids rounding, as Kubernetes does
            } else {
                return binary(amount.toBigIntegerExact());
            }
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        long exponent = -(long) stripped.scale();
        long aligned = Math.floorDiv(exponent, 3) * 3;
        mantissa = mantissa.multiply(BigInteger.TEN.pow((int) (exponent - aligned)));
        return mantissa + decimalSuffix(aligned, format);
    }

    private static String decimalSuffix(long exponent, Format format) {
        if (format == Format.DECIMAL_SI) {
            switch ((int) exponent) {
                case -9: return "n";
                case -6: return "u";
                case -3: return "m";
                case 0: return "";
                case 3: return "k";
                case 6: return "M";
                case 9: return "G";
                case 12: return "T";
                case 15: return "P";
                case 18: return "E";
                default: break; // no SI letter: Kubernetes falls back to an exponent
            }
        }
        return exponent == 0 ? "" : "e" + exponent;
    }

    private static String binary(BigInteger value) {
        int power = 0;
        while (power < BINARY_SUFFIXES.length - 1 && value.abs().compareTo(KIBI) >= 0
                && value.mod(KIBI).signum() == 0) {
            value = value.divide(KIBI);
            power++;
        }
        return value + BINARY_SUFFIXES[power];
    }
}
