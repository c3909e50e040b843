package dev.claymcp.config;

import java.net.URI;

/** This server's public {@code /mcp} URL, as {@code CLAY_MCP_OAUTH_AUDIENCE} gives it for OAuth. */
public final class OAuthAudience {

    private OAuthAudience() {
    }

    /**
     * The scheme and authority of this server's public URL, from which the protected resource metadata URL is made:
     * nothing else can be trusted to name it (certainly not a request's headers).
     *
     * @throws StartupRefusal when it is not an absolute https URL (http on localhost)
     */
    public static String base(String resource) {
        URI uri;
        try {
            uri = URI.create(resource);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                && Loopback.isLoopbackName(uri.getHost()))) {
            throw new StartupRefusal("CLAY_MCP_OAUTH_AUDIENCE must be this server's public /mcp URL, such as "
                    + "https://clay-mcp.example.com/mcp (http only on localhost); got '" + resource + "'. Tokens "
                    + "must name it as their audience.");
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
