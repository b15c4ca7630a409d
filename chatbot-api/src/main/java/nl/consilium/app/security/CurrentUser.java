package nl.consilium.app.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;

/** The signed-in user as the rest of Consilium sees it: an id and the role names of the use conditions. */
public record CurrentUser(String id, Set<String> roles) {

    private static final String ROLE_PREFIX = "ROLE_";

    public static CurrentUser of(Authentication authentication) {
        Set<String> roles = authentication.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .filter(a -> a != null && a.startsWith(ROLE_PREFIX))
                .map(a -> a.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        return new CurrentUser(authentication.getName(), roles);
    }
}
