namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Headers every response carries, added as the response starts (an exception handler clears what was set
/// earlier) so error pages, 401s and files get them too: browsers must not guess a type other than the one
/// sent (a text upload taken for HTML would run script), a page must not leak its URL, which may name a
/// chat, to wherever a link leads, and no other site may frame the service's pages.
/// </summary>
internal sealed class SecurityHeaders
{
    // The web app and the console are script files of this origin only: no inline script or style, no
    // other host. Uploaded images and voice notes come from this origin; recordings and previews are blobs.
    private const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The API explorer (Swagger UI) ships its own page; it keeps its scripts but may not be framed either.
    private const string DocsPolicy = "frame-ancestors 'none'";

    private readonly RequestDelegate _next;

    public SecurityHeaders(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(AddHeaders, context);
        return _next(context);
    }

    private static Task AddHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        var path = context.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/docs") || path.StartsWithSegments("/swagger") ? DocsPolicy : AppPolicy;
        return Task.CompletedTask;
    }
}
