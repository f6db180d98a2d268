using System.Collections.Concurrent;
using System.Reflection;

namespace CleanChat.Application.Common.Security;

/// <summary>What a request type declares about who may send it, read once per type from its attributes.</summary>
public sealed record RequestAuthorizationPolicy(bool IsAnonymous, Callers Callers, ChatAccessLevel? ChatAccess)
{
    private static readonly ConcurrentDictionary<Type, RequestAuthorizationPolicy?> Cache = new();

    /// <summary>The declared policy, or null when the type declares none (a defect: such requests are refused).</summary>
    public static RequestAuthorizationPolicy? For(Type requestType) => Cache.GetOrAdd(requestType, Read);

    private static RequestAuthorizationPolicy? Read(Type type)
    {
        var chatAccess = type.GetCustomAttribute<ChatAccessAttribute>()?.Level;
        if (type.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            return new RequestAuthorizationPolicy(true, Callers.Any, chatAccess);

        return type.GetCustomAttribute<AuthorizeAttribute>() is { } authorize
            ? new RequestAuthorizationPolicy(false, authorize.Callers, chatAccess)
            : null;
    }
}
