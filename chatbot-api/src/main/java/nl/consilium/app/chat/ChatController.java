package nl.consilium.app.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import nl.consilium.app.conversation.ConversationRecords;
import nl.consilium.app.conversation.ConversationStore;
import nl.consilium.app.security.CurrentUser;
import nl.consilium.app.terms.ApplicationAccess;
import nl.consilium.app.web.Problems;
import nl.consilium.policy.Application;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Conversations and chat turns. A turn's answer streams as Server-Sent Events: {@code token} events with the
 * answer text, then {@code sources}, then {@code decision}, then {@code done}; a refusal sends {@code refusal},
 * {@code decision}, {@code done}. Failures before the first event are RFC 9457 problems.
 */
@RestController
@RequestMapping("/api/v1/conversations")
public class ChatController {

    private static final int MAX_QUESTION_CHARS = 8_000;
    private static final String INSTANCE = instanceName();

    private final ApplicationAccess access;
    private final Conversations conversations;
    private final ConversationStore store;
    private final ChatTurnService turns;

    public ChatController(ApplicationAccess access, Conversations conversations, ConversationStore store,
            ChatTurnService turns) {
        this.access = access;
        this.conversations = conversations;
        this.store = store;
        this.turns = turns;
    }

    public record StartRequest(String applicationId, String patientId, String title) {
    }

    public record Started(UUID id, String applicationId, boolean patientContext, boolean stored) {
    }

    public record Question(String text, String language) {
    }

    @PostMapping
    public ResponseEntity<Started> start(@RequestBody StartRequest request, Authentication authentication) {
        CurrentUser user = CurrentUser.of(authentication);
        if (request == null || request.applicationId() == null || request.applicationId().isBlank()) {
            throw Problems.INVALID_REQUEST.exception("applicationId is required");
        }
        Application application = access.permitted(request.applicationId(), user);
        Optional<String> patient = Optional.ofNullable(request.patientId()).filter(p -> !p.isBlank());
        String title = request.title() == null || request.title().isBlank()
                ? application.title().nl() : truncate(request.title(), 120);
        Conversations.Active conversation = conversations.start(user.id(), application, patient, title);
        return ResponseEntity.status(201).body(new Started(conversation.id(), application.id(), patient.isPresent(),
                conversation.stored()));
    }

    @PostMapping(path = "/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter ask(@PathVariable UUID id, @RequestBody Question question, Authentication authentication,
            HttpServletRequest http) throws IOException {
        CurrentUser user = CurrentUser.of(authentication);
        if (question == null || question.text() == null || question.text().isBlank()) {
            throw Problems.INVALID_REQUEST.exception("The question is empty");
        }
        if (question.text().length() > MAX_QUESTION_CHARS) {
            throw Problems.INVALID_REQUEST.exception("The question is longer than " + MAX_QUESTION_CHARS
                    + " characters");
        }
        String language = "en".equalsIgnoreCase(question.language()) ? "en" : "nl";
        Conversations.Active conversation = conversations.get(user.id(), id);
        // The whole turn, audit included, completes before the first event: a failure is still a clean problem.
        TurnResult result = turns.turn(user, conversation, question.text(), language,
                new ChatTurnService.Origin(http.getRemoteAddr(), INSTANCE));

        SseEmitter emitter = new SseEmitter(60_000L);
        switch (result) {
            case TurnResult.Answered answered -> {
                for (String token : tokens(answered.answer())) {
                    emitter.send(SseEmitter.event().name("token").data(Map.of("text", token)));
                }
                emitter.send(SseEmitter.event().name("sources").data(Map.of("mode", answered.mode(),
                        "sources", answered.sources(), "checks", answered.checks(),
                        "modelOutOfService", answered.modelOutOfService()), MediaType.APPLICATION_JSON));
            }
            case TurnResult.Refused refused -> emitter.send(SseEmitter.event().name("refusal").data(Map.of(
                    "reason", refused.reason().in(language),
                    "allowedInstead", refused.allowedInstead().in(language)), MediaType.APPLICATION_JSON));
        }
        emitter.send(SseEmitter.event().name("decision").data(result.decision(), MediaType.APPLICATION_JSON));
        emitter.send(SseEmitter.event().name("done").data(Map.of("conversationId", id)));
        emitter.complete();
        return emitter;
    }

    @GetMapping
    public List<ConversationRecords.ConversationSummary> mine(Authentication authentication) {
        return store.list(CurrentUser.of(authentication).id());
    }

    @GetMapping("/{id}")
    public ConversationRecords.Transcript read(@PathVariable UUID id, Authentication authentication) {
        return store.read(CurrentUser.of(authentication).id(), id);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id, Authentication authentication) {
        String user = CurrentUser.of(authentication).id();
        store.delete(user, id);
        conversations.forget(id);
        return ResponseEntity.noContent().build();
    }

    public record Deleted(int conversations) {
    }

    /** Deletes the whole history of the signed-in user by destroying their data key. */
    @DeleteMapping
    public Deleted deleteAll(Authentication authentication) {
        String user = CurrentUser.of(authentication).id();
        conversations.forgetAllOf(user);
        return new Deleted(store.deleteAll(user));
    }

    /** Splits the answer into word-sized pieces, keeping whitespace, so clients render it progressively. */
    static List<String> tokens(String answer) {
        return List.of(answer.split("(?<=\\s)"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
