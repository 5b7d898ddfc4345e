package dev.tutorgate.web.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.web.Bodies;

/** {@code POST /api/chat}'s body: {"message": "...", "conversationId": "..."?}. Unknown fields are ignored. */
record ChatBody(String message, String conversationId) {
    static ChatBody from(ObjectNode json) {
        String conversationId = Bodies.optionalText(json, "conversationId");
        return new ChatBody(Bodies.requiredText(json, "message"),
                conversationId == null || conversationId.isBlank() ? null : conversationId);
    }
}
