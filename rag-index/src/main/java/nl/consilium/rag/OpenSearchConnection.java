package nl.consilium.rag;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the OpenSearch engine keeps the knowledge base.
 *
 * @param urls        one or more node URLs ({@code http://host:9200}, {@code https://...}); requests are spread over them
 * @param username    basic-auth user, or null when the cluster needs none
 * @param password    basic-auth password, or null
 * @param indexPrefix prefix of the three indexes ({@code PREFIX-documents}, {@code PREFIX-chunks}, {@code PREFIX-meta});
 *                    lower case, so one cluster can hold several knowledge bases (and evaluations) side by side
 */
public record OpenSearchConnection(List<URI> urls, String username, String password, String indexPrefix) {

    public static final String DEFAULT_INDEX_PREFIX = "consilium-knowledge";
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}");

    public OpenSearchConnection {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one OpenSearch URL is required");
        }
        for (URI url : urls) {
            if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("OpenSearch URL must be http(s)://host[:port], not " + url);
            }
        }
        if (indexPrefix == null || !PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("invalid OpenSearch index prefix '" + indexPrefix
                    + "' (lower-case letters, digits, '-' and '_', starting with a letter or digit)");
        }
        if (username != null && username.isBlank()) {
            username = null;
        }
        if ((username == null) != (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("OpenSearch user and password go together");
        }
    }

    /**
     * Parses a comma-separated URL list as in {@code CONSILIUM_OPENSEARCH_URL}; user and password may be null.
     */
    public static OpenSearchConnection of(String commaSeparatedUrls, String username, String password, String indexPrefix) {
        List<URI> urls = java.util.Arrays.stream(commaSeparatedUrls.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(URI::create).toList();
        return new OpenSearchConnection(urls, username, password, indexPrefix);
    }

    public OpenSearchConnection withIndexPrefix(String prefix) {
        return new OpenSearchConnection(urls, username, password, prefix);
    }

    /** The password never appears in logs or exception messages. */
    @Override
    public String toString() {
        return "OpenSearchConnection[urls=" + urls + ", username=" + username + ", indexPrefix=" + indexPrefix + "]";
    }
}
