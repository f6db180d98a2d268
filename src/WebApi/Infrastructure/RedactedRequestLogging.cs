using System.Diagnostics;
using System.Text;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// One log line per request, with secrets taken out of the query string. ASP.NET Core's own request
/// lines (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>) print the raw URL, which carries the
/// WebSocket access token, so that category is capped at Warning in code, where configuration cannot lift it.
/// </summary>
internal sealed class RedactedRequestLogging
{
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase) { "token", "access_token" };

    private readonly RequestDelegate _next;
    private readonly ILogger<RedactedRequestLogging> _logger;

    public RedactedRequestLogging(RequestDelegate next, ILogger<RedactedRequestLogging> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("HTTP {Method} {Path}{Query} responded {StatusCode} in {ElapsedMs:0.0} ms",
                    context.Request.Method, context.Request.Path, Redact(context.Request.Query), context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    public static string Redact(IQueryCollection query)
    {
        if (query.Count == 0)
            return string.Empty;

        var text = new StringBuilder();
        foreach (var (key, values) in query)
        {
            text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=');
            text.Append(SecretParameters.Contains(key) ? "[redacted]" : Uri.EscapeDataString(values.ToString()));
        }

        return text.ToString();
    }
}
