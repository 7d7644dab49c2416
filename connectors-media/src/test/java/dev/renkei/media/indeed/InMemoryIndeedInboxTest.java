package dev.renkei.media.indeed;

class InMemoryIndeedInboxTest extends IndeedInboxContract {
    @Override
    IndeedInbox inbox() {
        return new InMemoryIndeedInbox();
    }
}
