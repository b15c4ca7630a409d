package nl.consilium.app.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a {@link DemoAppTest} at its own test database, created with pgvector when missing. */
public class DemoDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String NAME = "consilium_test_app";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo-test-database",
                Map.of("spring.datasource.url", TestDatabase.url(NAME))));
    }
}
