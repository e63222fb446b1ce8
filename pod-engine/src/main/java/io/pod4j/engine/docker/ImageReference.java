package io.pod4j.engine.docker;

import java.util.regex.Pattern;

/**
 * An image reference split as Docker splits it: {@code registry/repo:tag@digest}. Used to tell a
 * malformed reference ({@code InvalidImageName}) from a missing image, and to pull by tag.
 *
 * @param repository everything before the tag and digest
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record ImageReference(String repository, String tag, String digest) {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?";
    private static final Pattern REPOSITORY = Pattern.compile(DOMAIN + COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}");

    /**
     * @param image a reference as written in a manifest
     * @return the parsed reference
     * @throws IllegalArgumentException with Docker's wording when the reference is malformed
     */
    public static ImageReference parse(String image) {
        if (image == null || image.isEmpty()) {
            throw new IllegalArgumentException("invalid reference format");
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("invalid reference format");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid reference format");
            }
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        boolean hasDomain = first.contains(".") || first.contains(":") || first.equals("localhost");
        // Like Docker: the first part is a registry only if it looks like a host; otherwise it is a lowercase path.
        boolean valid = hasDomain ? REPOSITORY.matcher(rest).matches() : PATH.matcher(rest).matches();
        if (!valid) {
            throw new IllegalArgumentException(rest.chars().anyMatch(Character::isUpperCase)
                    ? "invalid reference format: repository name must be lowercase" : "invalid reference format");
        }
        return new ImageReference(rest, tag, digest);
    }

    /** @return the tag to pull: the tag, or {@code latest} when the reference has neither tag nor digest */
    public String pullTag() {
        return tag != null ? tag : digest != null ? null : "latest";
    }
}
