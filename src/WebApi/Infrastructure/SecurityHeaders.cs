namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Headers every response carries, added as the response starts (an exception handler clears what was set
/// earlier) so error pages, 401s and files get them too: browsers must not guess a type other than the one sent (a text upload taken for HTML would run
/// script), and a page must not leak its URL, which may name a chat, to wherever a link leads.
/// </summary>
internal sealed class SecurityHeaders
{
    private readonly RequestDelegate _next;

    public SecurityHeaders(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(AddHeaders, context.Response);
        return _next(context);
    }

    private static Task AddHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
