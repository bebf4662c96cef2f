package dev.whitelistgen.web;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import dev.whitelistgen.render.TemplateRenderer;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * The page's HTML, from FreeMarker templates in the jar's web/ folder (src/main/web): the same engine and
 * square-bracket syntax as the targets, but its own configuration, with HTML output format so every
 * interpolation is escaped unless a template says otherwise (none does).
 */
final class Pages {

    private final Configuration configuration;

    Pages() {
        configuration = TemplateRenderer.lockedDown();
        configuration.setTemplateLoader(new ClassTemplateLoader(Pages.class, "/web"));
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        configuration.setRecognizeStandardFileExtensions(true);
    }

    String render(String page, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            configuration.getTemplate(page + ".ftlh").process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("web page " + page + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}
