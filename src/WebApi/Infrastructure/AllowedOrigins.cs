namespace CleanChat.WebApi.Infrastructure;

/// <summary>Front-end origins allowed to call the API from a browser (CORS) and to open chat sockets.</summary>
public sealed class AllowedOrigins
{
    private readonly HashSet<string> _origins;

    public AllowedOrigins(IConfiguration configuration) =>
        _origins = new HashSet<string>(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> All => _origins;

    public bool Contains(string origin) => _origins.Contains(origin.TrimEnd('/'));
}
