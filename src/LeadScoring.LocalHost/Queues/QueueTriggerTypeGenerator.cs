using System.Reflection;
using System.Reflection.Emit;
using Azure.Storage.Queues.Models;
using LeadScoring.LocalHost.Catalog;
using Microsoft.Azure.WebJobs;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// Emits the class the WebJobs SDK indexes, as the Functions host does from functions.metadata: for each worker
/// queue function a method <c>[FunctionName(name)] Task name([QueueTrigger(queue, Connection = ...)] QueueMessage
/// message, CancellationToken cancellationToken)</c> that calls <see cref="QueueTriggerFunctions.DispatchAsync"/>.
/// Written by hand: the SDK takes functions only as attributed methods of types, and the host's own generator is
/// internal to it.
/// </summary>
internal static class QueueTriggerTypeGenerator
{
    public static Type Generate(IEnumerable<QueueFunctionDescriptor> functions)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("LeadScoring.LocalHost.QueueTriggers"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("QueueTriggers")
            .DefineType("LeadScoring.LocalHost.QueueTriggers.Functions", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(QueueTriggerFunctions));
        DefineConstructor(type);
        foreach (var function in functions) DefineFunction(type, function);
        return type.CreateType();
    }

    private static void DefineConstructor(TypeBuilder type)
    {
        var baseConstructor = typeof(QueueTriggerFunctions).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Single();
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(QueueTriggerDispatcher)]);
        constructor.DefineParameter(1, ParameterAttributes.None, "dispatcher");
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, baseConstructor);
        il.Emit(OpCodes.Ret);
    }

    private static void DefineFunction(TypeBuilder type, QueueFunctionDescriptor function)
    {
        var method = type.DefineMethod(function.Name, MethodAttributes.Public, typeof(Task), [typeof(QueueMessage), typeof(CancellationToken)]);
        method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!, [function.Name]));
        var message = method.DefineParameter(1, ParameterAttributes.None, "message");
        message.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(QueueTriggerAttribute).GetConstructor([typeof(string)])!, [function.QueueName],
            [typeof(QueueTriggerAttribute).GetProperty(nameof(QueueTriggerAttribute.Connection))!], [function.Connection]));
        method.DefineParameter(2, ParameterAttributes.None, "cancellationToken");

        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldstr, function.Name);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, typeof(QueueTriggerFunctions).GetMethod(nameof(QueueTriggerFunctions.DispatchAsync))!);
        il.Emit(OpCodes.Ret);
    }
}
