namespace CleanChat.Application.Common.Security;

/// <summary>
/// Declares who may send a request. The authorization behaviour refuses everyone else before
/// validation or the handler run. Every request carries this or <see cref="AllowAnonymousAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuthorizeAttribute : Attribute
{
    public AuthorizeAttribute(Callers callers = Callers.Any) => Callers = callers;

    public Callers Callers { get; }
}
