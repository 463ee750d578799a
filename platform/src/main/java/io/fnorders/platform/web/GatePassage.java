package io.fnorders.platform.web;

/**
 * A path the function gate lets through for GET and HEAD untouched, besides the exposed
 * actuator endpoints: a bean of this type, from a part of the platform that serves it itself.
 *
 * @param path the path, or a prefix ending in {@code /**} for everything below it
 */
public record GatePassage(String path) {
}
