package dev.tutorgate.config;

import java.util.List;

/**
 * A validated configuration and what the user should know about it.
 *
 * @param source   where it came from, for the start-up banner ("embedded defaults", a file path)
 * @param warnings usable but worth saying (a skipped key, a provider without keys…)
 */
public record LoadedConfig(TutorgateConfig config, String source, List<String> warnings) {
}
