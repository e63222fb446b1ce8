package io.pod4j.api.selector;

import io.pod4j.api.selector.LabelSelector.Op;
import io.pod4j.api.selector.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads kubectl's {@code -l} syntax with the grammar, tokenisation and error messages of
 * Kubernetes' {@code labels.Parse}, so that a selector accepted or rejected by kubectl is
 * accepted or rejected here with the same words.
 */
final class LabelSelectorParser {

    private enum Token {
        ERROR, END, CLOSE_PAR, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER, IDENTIFIER, IN, LESS, NOT_EQUALS,
        NOT_IN, OPEN_PAR
    }

    private record Item(Token token, String literal) {
    }

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final List<Item> items = new ArrayList<>();
    private int position;

    private LabelSelectorParser(String input) {
        Lexer lexer = new Lexer(input);
        Item item;
        do {
            item = lexer.next();
            items.add(item);
        } while (item.token != Token.END);
    }

    /** Parses a selector; the requirements come back in input order. */
    static List<Requirement> parse(String input) {
        return new LabelSelectorParser(input).parseSelector();
    }

    private List<Requirement> parseSelector() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Item next = lookahead(true);
            switch (next.token) {
                case IDENTIFIER, NOT -> {
                    try {
                        requirements.add(parseRequirement());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage(), e);
                    }
                    Item after = consume(true);
                    switch (after.token) {
                        case END -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Item following = lookahead(true);
                            if (following.token != Token.IDENTIFIER && following.token != Token.NOT) {
                                throw error("found '%s', expected: identifier after ','", following.literal);
                            }
                        }
                        default -> throw error("found '%s', expected: ',' or 'end of string'", after.literal);
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw error("found '%s', expected: !, identifier, or 'end of string'", next.literal);
            }
        }
    }

    private Requirement parseRequirement() {
        Op op = null;
        Item item = consume(true);
        if (item.token == Token.NOT) {
            op = Op.DOES_NOT_EXIST;
            item = consume(true);
        }
        if (item.token != Token.IDENTIFIER) {
            throw error("found '%s', expected: identifier", item.literal);
        }
        String key = item.literal;
        List<String> keyErrors = LabelSyntax.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            // Kubernetes validates the key against a nil field path, printed "<nil>".
            throw new IllegalArgumentException(LabelSyntax.invalid("<nil>", key, keyErrors));
        }
        Token following = lookahead(true).token;
        if ((following == Token.END || following == Token.COMMA) && op == null) {
            op = Op.EXISTS;
        }
        if (op == Op.EXISTS || op == Op.DOES_NOT_EXIST) {
            return LabelSelector.requirement(key, op, List.of());
        }
        op = parseOperator();
        List<String> values = op == Op.IN || op == Op.NOT_IN ? parseValues() : parseExactValue();
        return LabelSelector.requirement(key, op, values);
    }

    private Op parseOperator() {
        Item item = consume(false);
        return switch (item.token) {
            case IN -> Op.IN;
            case EQUALS -> Op.EQUALS;
            case DOUBLE_EQUALS -> Op.DOUBLE_EQUALS;
            case GREATER -> Op.GREATER_THAN;
            case LESS -> Op.LESS_THAN;
            case NOT_IN -> Op.NOT_IN;
            case NOT_EQUALS -> Op.NOT_EQUALS;
            default -> throw error("found '%s', expected: %s", item.literal, BINARY_OPERATORS);
        };
    }

    private List<String> parseValues() {
        Item item = consume(true);
        if (item.token != Token.OPEN_PAR) {
            throw error("found '%s' expected: '('", item.literal);
        }
        Item next = lookahead(true);
        switch (next.token) {
            case IDENTIFIER, COMMA -> {
                List<String> values = parseIdentifiers();
                if (consume(true).token != Token.CLOSE_PAR) {
                    throw error("found '%s', expected: ')'", next.literal); // sic: Kubernetes reports this token
                }
                return values;
            }
            case CLOSE_PAR -> {
                consume(true);
                return List.of(""); // "()" is the empty value
            }
            default -> throw error("found '%s', expected: ',', ')' or identifier", next.literal);
        }
    }

    private List<String> parseIdentifiers() {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Item item = consume(true);
            switch (item.token) {
                case IDENTIFIER -> {
                    values.add(item.literal);
                    Item next = lookahead(true);
                    if (next.token == Token.CLOSE_PAR) {
                        return List.copyOf(values);
                    }
                    if (next.token != Token.COMMA) {
                        throw error("found '%s', expected: ',' or ')'", next.literal);
                    }
                }
                case COMMA -> {
                    // An empty value between commas, at "(," or ",)" is the empty string.
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Token next = lookahead(true).token;
                    if (next == Token.CLOSE_PAR) {
                        values.add("");
                        return List.copyOf(values);
                    }
                    if (next == Token.COMMA) {
                        consume(true);
                        values.add("");
                    }
                }
                default -> throw error("found '%s', expected: ',', or identifier", item.literal);
            }
        }
    }

    private List<String> parseExactValue() {
        Token next = lookahead(true).token;
        if (next == Token.END || next == Token.COMMA) {
            return List.of("");
        }
        Item item = consume(true);
        if (item.token == Token.IDENTIFIER) {
            return List.of(item.literal);
        }
        throw error("found '%s', expected: identifier", item.literal);
    }

    /** In a value position the words "in" and "notin" are plain identifiers. */
    private Item lookahead(boolean valueContext) {
        return contextual(items.get(position), valueContext);
    }

    private Item consume(boolean valueContext) {
        return contextual(items.get(position++), valueContext);
    }

    private static Item contextual(Item item, boolean valueContext) {
        if (valueContext && (item.token == Token.IN || item.token == Token.NOT_IN)) {
            return new Item(Token.IDENTIFIER, item.literal);
        }
        return item;
    }

    private static IllegalArgumentException error(String format, Object... args) {
        return new IllegalArgumentException(String.format(format, args));
    }

    /** Splits the input into words and operator symbols, as Kubernetes' selector lexer does. */
    private static final class Lexer {
        private final String s;
        private int pos;

        Lexer(String s) {
            this.s = s;
        }

        private char read() {
            // Kubernetes' lexer uses NUL as its end-of-input marker; a NUL in the input ends it too.
            return pos < s.length() ? s.charAt(pos++) : 0;
        }

        Item next() {
            char ch = read();
            while (isWhitespace(ch)) {
                ch = read();
            }
            if (ch == 0) {
                return new Item(Token.END, "");
            }
            pos--;
            return isSpecial(ch) ? special() : word();
        }

        private Item word() {
            StringBuilder sb = new StringBuilder();
            while (true) {
                char ch = read();
                if (ch == 0) {
                    break;
                }
                if (isSpecial(ch) || isWhitespace(ch)) {
                    pos--;
                    break;
                }
                sb.append(ch);
            }
            String w = sb.toString();
            return switch (w) {
                case "in" -> new Item(Token.IN, w);
                case "notin" -> new Item(Token.NOT_IN, w);
                default -> new Item(Token.IDENTIFIER, w);
            };
        }

        private Item special() {
            StringBuilder sb = new StringBuilder();
            Item last = null;
            while (true) {
                char ch = read();
                if (ch == 0) {
                    break;
                }
                if (!isSpecial(ch)) {
                    pos--;
                    break;
                }
                sb.append(ch);
                Token token = symbol(sb.toString());
                if (token != null) {
                    last = new Item(token, sb.toString());
                } else if (last != null) {
                    pos--;
                    break;
                }
            }
            return last != null ? last : new Item(Token.ERROR, "error expected: keyword found '" + sb + "'");
        }

        private static Token symbol(String s) {
            return switch (s) {
                case ")" -> Token.CLOSE_PAR;
                case "," -> Token.COMMA;
                case "!" -> Token.NOT;
                case "==" -> Token.DOUBLE_EQUALS;
                case "=" -> Token.EQUALS;
                case ">" -> Token.GREATER;
                case "<" -> Token.LESS;
                case "!=" -> Token.NOT_EQUALS;
                case "(" -> Token.OPEN_PAR;
                default -> null;
            };
        }

        private static boolean isWhitespace(char ch) {
            return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
        }

        private static boolean isSpecial(char ch) {
            return ch == '=' || ch == '!' || ch == '(' || ch == ')' || ch == ',' || ch == '>' || ch == '<';
        }
    }
}
