namespace CleanChat.Application.Common.Security;

/// <summary>Marks a request any caller may send, signed in or not (login, registration).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousAttribute : Attribute
{
}
