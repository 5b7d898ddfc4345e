package dev.tutorgate.web;

import io.javalin.Javalin;

/** One feature's endpoints. Each feature owns one class that adds its routes to the app. */
@FunctionalInterface
public interface Routes {
    void addTo(Javalin app, RouteSupport support);
}
