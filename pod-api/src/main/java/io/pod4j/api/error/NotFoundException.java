package io.pod4j.api.error;

/**
 * An object that does not exist, worded as the API server words it:
 * {@code pods "web" not found}.
 */
public class NotFoundException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param resource the resource, plural, such as {@code pods}
     * @param name the object's name
     */
    public NotFoundException(String resource, String name) {
        super(resource + " \"" + name + "\" not found");
    }
}
