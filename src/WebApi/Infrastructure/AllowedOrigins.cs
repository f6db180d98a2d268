namespace CleanChat.WebApi.Infrastructure;

/// <summary>Front-end origins allowed to call the API from a browser (CORS) and to open chat sockets.</summary>
public sealed class AllowedOrigins
{
    private readonly HashSet<string> _origins;

    public AllowedOrigins(IConfiguration configuration) =>
        _origins = new HashSet<string>(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> All => _origins;

    public bool Contains(string origin) => _origins.Contains(origin.TrimEnd('/'));

    /// <summary>
    /// A configured origin, or the service's own pages: an origin naming the host the request was sent to
    /// (the web app served at <c>/</c>). The host is compared, not the scheme, because a proxy that ends
    /// TLS forwards an https page's request to this server over http.
    /// </summary>
    public bool Admits(string origin, HostString requestHost) =>
        Contains(origin)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && requestHost.HasValue
            && string.Equals(uri.Authority, requestHost.Value, StringComparison.OrdinalIgnoreCase));
}
