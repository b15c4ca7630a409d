package nl.consilium.app.conversation;

/** No conversation with that id belongs to the signed-in user (deliberately indistinguishable from "never existed"). */
public class ConversationNotFoundException extends RuntimeException {
    public ConversationNotFoundException() {
        super("no such conversation for this user");
    }
}
