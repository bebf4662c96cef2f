package dev.whitelistgen.render;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.UserError;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.StopException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders a target's templates with FreeMarker set up strictly: square-bracket syntax (so "${...}" in
 * Postfix or PowerShell output is plain text), a missing value is an error, templates can neither create
 * Java objects (?new) nor reach their API (?api), and locale, time zone and number format are fixed, so
 * the same request always gives the same bytes.
 */
public final class TemplateRenderer {

    static {
        // FreeMarker would otherwise look for a logging library and may print to the console.
        System.setProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY, "none");
    }

    private final Configuration configuration;
    private final List<PathTemplateLoader> loaders = new ArrayList<>();

    public TemplateRenderer(List<Path> roots) {
        configuration = lockedDown();
        try {
            for (Path root : roots) {
                loaders.add(new PathTemplateLoader(root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configuration.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        Escapers.functions().forEach(configuration::setSharedVariable);
    }

    /**
     * The settings every FreeMarker configuration of this project shares (targets here, serve's pages): square
     * brackets, fixed locale, time zone and formats, errors rethrown, no ?new and no ?api, plain data only.
     */
    public static Configuration lockedDown() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
        configuration.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        configuration.setLocalizedLookup(false);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
        return configuration;
    }

    /**
     * Each of the target's files, rendered straight into the sink in its final form (line ends, ASCII); a template
     * that renders to nothing writes no file (an output that only some options need).
     *
     * @throws UserError REFUSED when a template stops with [#stop "reason"] (a documented limit of the target) or an
     *                   ASCII-only file would need another character; INVALID_INPUT when a template of the user's
     *                   (--templates-dir) is broken, naming file and line
     * @throws RenderException when a built-in template is broken (a bug)
     * @throws UncheckedIOException when the sink cannot take a file (the disk is full)
     */
    public void render(Target target, Map<String, Object> model, RenderSink sink) {
        for (String template : target.templates()) {
            String output = Target.outputName(template);
            FinalTextWriter text = new FinalTextWriter(() -> sink.open(output), target.crlf(output),
                    target.ascii(output) ? "target " + target.name() + ", " + output : null);
            process(target.name() + "/" + template, model, "target " + target.name(), text);
            try {
                text.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<RenderedFile> render(Target target, Map<String, Object> model) {
        RenderedFiles files = new RenderedFiles();
        render(target, model, files);
        return files.files();
    }

    /** One template that is not a target's output, such as the bundle's README frame ("_bundle/README.md.ftl"). */
    public String renderTemplate(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        FinalTextWriter text = new FinalTextWriter(() -> out, false, null);
        process(name, model, name, text);
        try {
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.opened() ? out.toString() : "\n";
    }

    private void process(String name, Map<String, Object> model, String refusedBy, FinalTextWriter out) {
        try {
            Template loaded = configuration.getTemplate(name);
            loaded.process(model, out);
        } catch (StopException e) {
            throw new UserError(UserError.Kind.REFUSED, refusedBy + ": " + e.getMessageWithoutStackTop().strip());
        } catch (TemplateException e) {
            UserError refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw broken(e.getTemplateSourceName() == null ? name : e.getTemplateSourceName(), e.getLineNumber(), describe(e), e);
        } catch (ParseException e) {
            throw unparsable(name, e);
        } catch (IOException e) {
            if (out.failure() != null) {
                throw new UncheckedIOException(out.failure());
            }
            // FreeMarker caches a template that failed to parse: every later request for it gets an IOException
            // whose cause is the first ParseException (serve and validate render one folder many times)
            if (e.getCause() instanceof ParseException first) {
                throw unparsable(name, first);
            }
            throw new RenderException("templates/" + name + ": " + oneLine(e.getMessage()), e);
        }
    }

    private RuntimeException unparsable(String name, ParseException e) {
        return broken(e.getTemplateName() == null ? name : e.getTemplateName(), e.getLineNumber(), oneLine(e.getEditorMessage()), e);
    }

    /** An ASCII-only file's refusal, raised while FreeMarker wrote, may reach here wrapped. */
    private static UserError refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UserError refused) {
                return refused;
            }
        }
        return null;
    }

    /**
     * A template the user brought (found first in a folder other than the built-in one) is the user's input, and
     * its error names the file and line as a profile's does; a built-in template's error is a bug.
     */
    private RuntimeException broken(String source, Integer line, String description, Exception cause) {
        Path builtIn = BuiltInResources.folder("templates").toAbsolutePath().normalize();
        for (PathTemplateLoader loader : loaders) {
            Path file = loader.find(source);
            if (file != null) {
                if (!file.startsWith(builtIn)) {
                    return new UserError(UserError.Kind.INVALID_INPUT, file + (line == null ? "" : ":" + line) + ": " + description);
                }
                break;
            }
        }
        return new RenderException("templates/" + source + (line == null ? "" : ", line " + line) + ": " + description, cause);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** FreeMarker's own explanation, and its cause's, without the tips and stack that follow "----". */
    private static String describe(TemplateException e) {
        String text = beforeTips(e.getMessageWithoutStackTop());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            String because = beforeTips(cause instanceof TemplateException t ? t.getMessageWithoutStackTop() : cause.getMessage());
            if (!oneLine(text).contains(oneLine(because))) {
                text += " " + because;
            }
        }
        return oneLine(text);
    }

    private static String beforeTips(String text) {
        int tips = text.indexOf("\n----");
        return tips < 0 ? text : text.substring(0, tips);
    }

    /** A template that cannot be rendered: a bug in the template, not in the user's input. */
    public static final class RenderException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        RenderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
