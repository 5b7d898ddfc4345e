package dev.tutorgate.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"tutorgate " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"};
    }
}
