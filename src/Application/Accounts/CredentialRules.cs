using FluentValidation;

namespace CleanChat.Application.Accounts;

/// <summary>Shapes of credentials shared by registration, staff creation and login.</summary>
public static class CredentialRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>E.164: a plus, then 7 to 15 digits not starting with 0.</summary>
    public const string PhonePattern = @"^\+[1-9][0-9]{6,14}$";

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MinimumLength(MinPasswordLength).MaximumLength(MaxPasswordLength);

    public static IRuleBuilderOptions<T, string> PhoneNumber<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Matches(PhonePattern).WithMessage("phone_number must be in international form, e.g. +1234567890.");
}
