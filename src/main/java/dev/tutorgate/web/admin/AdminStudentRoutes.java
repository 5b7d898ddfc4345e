package dev.tutorgate.web.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Bodies;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.auth.StudentAccount;
import dev.tutorgate.web.auth.Students;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code POST /api/admin/students {"name"}} issues a token (shown once, 201);
 * {@code GET /api/admin/students} lists the accounts, never their tokens. The admin guard
 * ({@link AdminGuard}) has already checked the caller.
 */
public final class AdminStudentRoutes implements Routes {
    private final Students students;

    public AdminStudentRoutes(Students students) {
        this.students = students;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.post("/api/admin/students", ctx -> add(ctx, support));
        app.get("/api/admin/students", this::list);
    }

    private void add(Context ctx, RouteSupport support) {
        ObjectNode body = support.bodies().jsonObject(ctx);
        String name = Bodies.requiredText(body, "name");
        IssuedToken issued;
        try {
            issued = students.add(name);
        } catch (IllegalArgumentException badName) {
            throw ApiException.invalid("name");
        }
        ctx.status(201).contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            writeAccountFields(g, issued.student());
            g.writeStringField("token", issued.token());
            g.writeEndObject();
        }));
    }

    private void list(Context ctx) {
        var accounts = students.list();
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("students");
            for (StudentAccount account : accounts) {
                g.writeStartObject();
                writeAccountFields(g, account);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static void writeAccountFields(JsonGenerator g, StudentAccount account) throws IOException {
        g.writeStringField("id", account.id());
        g.writeStringField("name", account.name());
        g.writeStringField("createdAt", account.createdAt().toString());
        g.writeBooleanField("disabled", account.disabled());
    }
}
