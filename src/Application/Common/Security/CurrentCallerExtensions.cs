using CleanChat.Application.Common.Exceptions;

namespace CleanChat.Application.Common.Security;

public static class CurrentCallerExtensions
{
    /// <summary>The caller of a request the authorization behaviour has already admitted.</summary>
    public static Caller Required(this ICurrentCaller current) =>
        current.Caller ?? throw new UnauthenticatedException();
}
