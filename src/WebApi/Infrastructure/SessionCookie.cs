namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// The browser session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
/// subrequests or form posts), Secure whenever the request came over HTTPS, and living as long as the
/// session may. Its value names a server-side session and means nothing by itself.
/// </summary>
public static class SessionCookie
{
    public const string Name = "cleanchat_session";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static void Set(HttpContext context, string token, DateTime expiresAt) =>
        context.Response.Cookies.Append(Name, token, Options(context, expiresAt));

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, expires: null));

    private static CookieOptions Options(HttpContext context, DateTime? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
