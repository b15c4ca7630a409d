package nl.consilium.app.web.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.security.Roles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compliance console and the IT view are only served to their roles. The API behind them checks the roles
 * too; this keeps a clinician from even loading the screens and tells them plainly why (403 with a readable page
 * instead of an empty console). These mappings take precedence over the static-resource handler.
 */
@RestController
public class RoleScreensController {

    @GetMapping(path = "/compliance.html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> compliance(Authentication authentication) throws IOException {
        return screen(authentication, Roles.COMPLIANCE_OFFICER, "static/compliance.html");
    }

    @GetMapping(path = "/it.html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> it(Authentication authentication) throws IOException {
        return screen(authentication, Roles.IT_ADMIN, "static/it.html");
    }

    private static ResponseEntity<String> screen(Authentication authentication, String role, String page)
            throws IOException {
        if (!CurrentUser.of(authentication).roles().contains(role)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML)
                    .body(read("static/forbidden.html"));
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(read(page));
    }

    private static String read(String path) throws IOException {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
