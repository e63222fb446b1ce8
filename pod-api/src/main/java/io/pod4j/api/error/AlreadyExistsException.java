package io.pod4j.api.error;

/**
 * An object whose name is taken in its namespace, worded as the API server words it:
 * {@code pods "web" already exists}.
 */
public class AlreadyExistsException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param resource the resource, plural, such as {@code pods}
     * @param name the object's name
     */
    public AlreadyExistsException(String resource, String name) {
        super(resource + " \"" + name + "\" already exists");
    }
}
