package nl.consilium.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The application as the demo runs it, on a random port, against the real test database ({@link DemoDatabase}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"consilium.policy.file=../infra/demo/use-conditions.yaml",
                "consilium.knowledge.load-directory=../infra/demo/knowledge",
                "consilium.epd.launch-secret=demo-test-launch-secret"})
@ActiveProfiles("demo")
@ContextConfiguration(initializers = DemoDatabase.class)
public @interface DemoAppTest {
}
