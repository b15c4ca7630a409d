package nl.consilium.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client against the running application, signed in as a demo account. */
public record Http(int port, String user) {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public HttpResponse<String> get(String path) {
        return send(builder(path).GET());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(String method, String path) {
        return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json, text/event-stream");
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
