using CleanChat.Application.Accounts;
using CleanChat.Application.Chats.Commands.CreateChat;
using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Events;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Messages;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CleanChat.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the use cases: MediatR 5 (by hand: no MediatR DI package restores here),
    /// every handler and validator of this assembly, and the pipeline behaviours in their fixed order.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Messages name fields as clients send them ('page_size'), not as C# properties ('PageSize').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : RequestValidationException.ToWireName(member.Name);

        // One message per field: later checks of a rule assume the earlier ones passed (no null checks twice).
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.Scan(scan => scan
            .FromAssemblyOf<ApplicationAssembly>()
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Validators hold no state and no scoped dependencies: one instance each for the whole process.
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);

        // Order matters: outermost first. Authorization runs before validation so that validators
        // never do work (or reveal anything) for a caller who will be refused.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AdmissionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));

        services.AddOptions<RequestPerformanceOptions>();
        services.AddScoped<IDomainEventPublisher, MediatorDomainEventPublisher>();
        services.AddScoped<ChatOpener>();
        services.AddScoped<Chats.FrontDeskMembership>();
        services.AddScoped<Stays.StayConversationReader>();
        services.AddScoped<StaffAccountCreator>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<SignInTokens>();
        services.AddScoped<Push.OfflinePush>();
        services.AddOptions<RefreshTokenOptions>();
        services.AddOptions<SessionOptions>();
        services.AddSingleton<PasswordVerifier>();
        return services;
    }
}

/// <summary>Anchor for scanning this assembly.</summary>
public sealed class ApplicationAssembly
{
    private ApplicationAssembly()
    {
    }
}
