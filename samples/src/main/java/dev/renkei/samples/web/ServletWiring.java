package dev.renkei.samples.web;

import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.WebhookResponse;
import dev.renkei.core.mypage.MyPageService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The Zoom webhook and the MyPage setup page as Jakarta Servlets (README, "Wiring the webhook and the setup page").
 * Compiled against {@code jakarta.servlet-api} (provided scope: the container brings it); register them with
 * {@code ServletContext.addServlet(…)} or your framework.
 */
public final class ServletWiring {
    private ServletWiring() {}

    // readme:servlet:begin
    /** POST /zoom/webhook */
    public static final class ZoomWebhookServlet extends HttpServlet {
        private final transient MeetingService meetings;

        public ZoomWebhookServlet(MeetingService meetings) {
            this.meetings = meetings;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, String> headers = new HashMap<>();
            Collections.list(req.getHeaderNames()).forEach(name -> headers.put(name, req.getHeader(name)));
            WebhookResponse r = meetings.handleWebhook(req.getInputStream().readAllBytes(), headers); // raw bytes
            resp.setStatus(r.status());
            resp.setContentType("application/json");
            resp.getWriter().write(r.body());
        }
    }

    /** GET and POST /mypage/setup */
    public static final class SetupPageServlet extends HttpServlet {
        private final transient SetupPage page;

        public SetupPageServlet(MyPageService mypage) {
            this.page = new SetupPage(mypage);
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, String> params = new HashMap<>();
            req.getParameterMap().forEach((name, values) -> params.put(name, values[0]));
            SetupPage.Response r = page.handle(req.getMethod(), params);
            resp.setStatus(r.status());
            resp.setContentType("text/html; charset=utf-8");
            resp.getWriter().write(r.html());
        }
    }
    // readme:servlet:end
}
