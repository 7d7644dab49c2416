package dev.renkei.samples.web;

import dev.renkei.core.Renkei;
import dev.renkei.core.meeting.WebhookResponse;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Zoom webhook and the MyPage setup page as a Spring MVC controller (README, "Wiring the webhook and the setup
 * page"). Compiled against {@code spring-web} (provided scope: your Spring application brings it); declare the
 * {@link Renkei} as a bean.
 */
public final class SpringWiring {
    private SpringWiring() {}

    // readme:spring:begin
    @RestController
    public static class RenkeiController {
        private final Renkei renkei;
        private final SetupPage setup;

        public RenkeiController(Renkei renkei) {
            this.renkei = renkei;
            this.setup = new SetupPage(renkei.mypage());
        }

        @PostMapping("/zoom/webhook")
        public ResponseEntity<String> zoom(@RequestBody byte[] body, @RequestHeader Map<String, String> headers) {
            WebhookResponse r = renkei.meetings().handleWebhook(body, headers);           // raw bytes
            return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_JSON).body(r.body());
        }

        @RequestMapping(path = "/mypage/setup", method = {RequestMethod.GET, RequestMethod.POST})
        public ResponseEntity<String> setup(HttpMethod method, @RequestParam Map<String, String> params) {
            SetupPage.Response r = setup.handle(method.name(), params);
            return ResponseEntity.status(r.status()).contentType(MediaType.TEXT_HTML).body(r.html());
        }
    }
    // readme:spring:end
}
