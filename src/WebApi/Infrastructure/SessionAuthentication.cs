using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanChat.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>
/// Marks an endpoint that a browser may call with its session cookie instead of a bearer token (the
/// mentoring client's). Everywhere else the cookie is ignored: a page of another site cannot make the
/// browser spend it on the rest of the API.
/// </summary>
public sealed class AcceptsSessionCookieAttribute : Attribute
{
}

/// <summary>
/// Authentication: a bearer token wherever one is sent; on endpoints that accept it, the session cookie
/// otherwise. Both produce the same claims, so everything downstream sees one kind of caller.
/// </summary>
public static class SessionAuthentication
{
    public const string Scheme = "Session";
    public const string BearerOrSessionScheme = "BearerOrSession";

    public static AuthenticationBuilder AddBearerOrSession(this AuthenticationBuilder builder) => builder
        .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(Scheme, _ => { })
        .AddPolicyScheme(BearerOrSessionScheme, "Bearer token, or the session cookie where accepted", options =>
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count == 0
                && SessionCookie.Read(context.Request) is not null
                && context.GetEndpoint()?.Metadata.GetMetadata<AcceptsSessionCookieAttribute>() is not null
                    ? Scheme
                    : JwtBearerDefaults.AuthenticationScheme);

    /// <summary>The id of the browser session that signed the request in, or null (a token, or nobody).</summary>
    public static long? SessionId(this HttpContext context) =>
        context.IsSessionAuthenticated() && long.TryParse(context.User.FindFirst(CleanChatClaims.SessionId)?.Value, out var id) ? id : null;

    /// <summary>Whether the request's caller was signed in by the session cookie (and so needs the origin checks).</summary>
    public static bool IsSessionAuthenticated(this HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };
}

internal sealed class SessionAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public SessionAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SessionCookie.Read(Request) is not { } token)
            return AuthenticateResult.NoResult();

        var signedIn = await Context.RequestServices.GetRequiredService<SessionAuthenticator>().AuthenticateAsync(token, Context.RequestAborted);
        if (signedIn is not { } session)
            return AuthenticateResult.Fail("The session has ended or is unknown.");

        var identity = CallerClaims.ToIdentity(session.Caller, Scheme.Name);
        identity.AddClaim(new Claim(CleanChatClaims.SessionId, session.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(identity);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = session.ExpiresAt }, Scheme.Name));
    }
}
