package io.github.mcpoauth.sample.client;

/**
 * A command that needs only the configuration and the token store ({@code list},
 * {@code get}, {@code clear}): it runs without the application context, so it answers in
 * a fraction of the time the context takes to start. See {@link CommandContext}.
 */
interface StoreCommand {

}
