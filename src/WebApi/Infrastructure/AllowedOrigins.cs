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
    /// A configured origin, or the service's own pages: the origin the request itself was sent to (its
    /// scheme and <c>Host</c>; behind a proxy that ends TLS, enable <c>ForwardedHeaders</c> so the scheme
    /// and host are the ones the browser used).
    /// </summary>
    public bool Admits(string origin, HttpRequest request) =>
        Contains(origin)
        || (request.Host.HasValue && string.Equals(origin.TrimEnd('/'), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The looser check for token-authenticated sockets, where the origin check is a second line (a page of
    /// another site cannot add the token by itself): a configured origin, or any origin naming the host the
    /// request was sent to, whatever its scheme, because a proxy that ends TLS forwards an https page's
    /// request over http and the salon guide's proxy block does not forward the scheme.
    /// </summary>
    public bool AdmitsHost(string origin, HttpRequest request) =>
        Contains(origin)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && request.Host.HasValue
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// For a request the browser's session cookie signs in, or one that sets it: only pages of an allowed
    /// origin may send it. A browser names the page's origin in <c>Origin</c> on every cross-origin request
    /// and on unsafe same-origin ones; without it, only <c>Sec-Fetch-Site: same-origin</c> vouches for the
    /// page. This is what stops another site from riding on the cookie (cross-site request forgery and
    /// cross-site WebSocket hijacking).
    /// </summary>
    public bool AdmitsCookieRequest(HttpRequest request) =>
        request.Headers.Origin is { Count: > 0 } origin
            ? Admits(origin.ToString(), request)
            : string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.OrdinalIgnoreCase);
}
