"""Vocabulary for generated articles: the words of the seed documents, most frequent first.

Taken once from ``seeds/*.txt`` (Arabic, with the diacritics the authors wrote)
and ``seeds/*.en.txt``, and kept here so that a benchmark run does not depend
on the seeds changing.
"""

ARABIC_TEXT = """
في التحالف إلى من على الدولي مع سوريا سورية السورية ضد داعش أن الإرهاب الدولة ضمن ما الشرعية
إعادة المحلية انضمام التنظيم بين هذا قسد آذار عبر الذي جديدة الحكومة الاستقرار اتفاق المناطق
السوري الأسد وزارة الداخلية خلايا دمشق الأمنية هذه بعد مكافحة الجديدة للتحالف القوى والعراق حيث
واشنطن تفكيك تنظيم البلاد الانتقالية الأمن ودير الزور استراتيجية العسكرية الوطني الدولية عام
الولايات المتحدة أكثر أبرز إطار دولي الدعوة التي العمليات تسعى الدلالات أمام عن قوات رئيسية
وإعادة ومن يمكن نوفمبر ديسمبر الشرع الرئيس منذ الأميركية العراق وسوريا المحررة العسكري الحرة
التنف يشكّل إعلان مناطق المسار الأمني للدولة حول قد العلاقة تعريف موقع الإقليمي بيان عدة استمرار
الكامل جهود الجيش وهو بناء المدنية فرنسا تأسس دولة الدول إدارة داخل الفرنسية أوروبية دور
السياسية الدور رسميا الغرب تمثل الانخراط الإيجابي وأمنية أي أمني سيطرة الديمقراطية مشاركة التحول
القوات الدفاع كما يمثل تنفيذ دعم لمحاربة الوجود التعاون شراكة تحالف والأردن الأكثر لا بل تشرين
الثاني الإنسان العربي التهميش واقع تجارة المخدرات وتعاطيها قبل وبعد سقوط نظام تحول تاريخي تنضم
مرحلة الأميركي باراك زيارة أحمد الجاري الزيارة رسمية خلال أخرى الإرهابي مما الحرب يعتمد تشرف
الأعضاء التدريب والدعم اللوجستي الشريكة لدعم عودة وتأمين جهة القواعد قواعد مقدمة عدد مختلفة
تطورا نوعيّا والسياسي ويتزامن ذلك الأنباء المتزايدة دعوة فرنسية لانضمام رسميّاً خطوة تفتح فصلا
جديدا والعواصم الغربية وتعيد منظومة والدولي خلفية الحدث أعلنت رسمي أنها تمكنت إرهابية تابعة
لتنظيم كانت تنشط ريف حمص وريف مؤكدة الحملة حتى القضاء التشكيلات يأتي الإعلان أشهر ميدانية مكثفة
وطنية تعتمد مركزية القرار وتوحيد الجهود وقوى يتوافق رؤية مؤسسات أمنية خاضعة للسلطة بالتوازي
التوجه للانفتاح الشراكات ودور الإسلامية بقيادة وضمّ ثمانين وتعدّ الأوروبية الداعمة لاستمرار
قانوني مؤخرا إشراك فيه بوصفها الجهة الوحيدة تمتلك القدرة السيادية أراضيها وتندرج مقاربة تجاه
دمجها المنظومة بما يضمن ومحاربة خصوصاً ظل تراجع وفقدانها حال يحمل التطور إن تم دلالات مهمة
استعادة السيادي يعني اعترافا دوليا فعليا بسلطتها ونقل ملف أيدي المركزية الثقة مؤشرا رغبة يفتح
الباب لاحقا شراكات اقتصادية أوسع توازن الردع الداخلي يمنح أدوات ضغط متقدمة الرافضة لاتفاق نزع
ادعاء بامتلاك مستقل خارج الأبعاد الاستراتيجية والانعكاسات شكّلت لسنوات الذراع مكّنها الاحتفاظ
بورقة محاربة كورقة تفاوض غير ستؤدي سحب الورقة توجيه الدعم المؤسسات الرسمية ثمّ تستخدم للضغط
للالتزام بتنفيذ ينصّ دمج بنية وإخضاع موارد النفط والمعابر لإدارة الإطار السياسي الأهم لترسيخ
اللامركزية الإدارية المعتدلة وضمان الحقوق الثقافية والإثنية الشمال الشرقي وانضمام سيعزز قدرة
بنود الاتفاق الحصول وتقني تأهيل الخارجة سابقا يسهم تقليص الأمريكي المنفرد المنطقة مظلة
السيناريوهات المستقبلية استشراف ثلاثة مسارات الاندماج يؤدي غربي واسع للحكومة وتعزيز قدراتها
محدودة مشروطة بحيث يقتصر تبادل المعلومات ومشاركة رمزية الجوية إقليمي موسّع يجمع وتركيا جبهة
مشتركة السيناريو انسجاما مصالح القومي المدى الطويل الخاتمة إنّ يشكل تحوّلا استراتيجيا يعيد ترتيب
التوازنات والإقليمية فهو يكرس الاعتراف بالسلطة ويسحب الذرائع الانفصالية ويفتح الطريق كمدخل
لتسوية شاملة ومستدامة ثم فإنّ فقط لإعادة احتكار والسيادية كامل ترابها المراجع تلفزيون شاركها
اقرأ أيضا تكوين الولادة التحديات تواجه وكيف تكوينه أنس قاسم المرفوع مرحلتي وتأثيرها الاقتصاد
والمجتمع يبدو أعتاب مفصلية أعلن المبعوث الخاص توم مرتقبة للرئيس العاشر الشهر وتهدف
توقيع وثيقة دونالد ترامب تعلن تقوده مؤتمر حوار المنامة البحرين أوضح سينضم شريكة تشكل لمواجهة
إبان اجتياحه مؤكدًا الانضمام تحولًا كبيرًا لسوريا والمنطقة بأسرها جهته أكد وزير الخارجية أسعد
الشيباني تصريحات متلفزة سيزور أوائل مشيرًا الإعمار ستكون محورًا رئيسيًا مباحثاته الإدارة ومشددًا
متوازنة وعلاقات طبيعية جميع ويرى مراقبون التاريخية بداية حقبة العلاقات سنوات القطيعة لم تستقبل
سابقًا رئيس سوري ومنذ توليه السلطة كانون الأول عقب الإطاحة ببشار عمل تموضع بلاده سياسيًا
ودبلوماسيًا وفتح قنوات بوابة نشأة وتكوينه سبتمبر كرد فعل جماعي توسع ويضم اليوم عضوًا دول ومنظمات
يجعله أكبر نوعه العالمية الثانية تهدف إلحاق هزيمة دائمة بداعش وتفكيك شبكاته وتجفيف مصادر تمويله
ومكافحة دعايته ودعم سيطرته تقود قوة المهام المشتركة عملية العزم الصلب التنسيق والاستخباراتي
وتوفر للقوات التمويل والبرامج الإنمائية يمتلك صندوقًا موحدًا مساهمات أدواته صندوق تمويل الفوري
أُنشئ يونيو العراقية إعمار نفذ الصندوق مشروع موقعًا شملت إصلاح البنى التحتية والخدمات الأساسية
وساهم مليون نازح ديارهم علاقة بسوريا والقوات يعمل وبالتنسيق السلطات لتحقيق وعلى مر السنوات
الماضية اعتمد كشريك ميداني رئيسي شمال وشرق تولت البرية الكبرى الرقة بدعم جوي ولوجستي قدم لقسد
والمعدات والمساعدة إزالة الألغام جعلها القوة فاعلية المقابل ينسق أيضًا قاعدة الواقعة عند المثلث
الحدودي وتعتبر القاعدة النقاط الأراضي تعمل والبريطانية جانب فصائل الحر انخرط وكان جزءًا النصر
رسم مهام تدريبية لمنع البادية خطوط الإمداد ورصد التحركات الحدود يُعتبر ركيزة إذ حاجزًا جغرافيًا
تمدد وفي الوقت نفسه أداة مراقبة فعالة لأي أنشطة تهدد ومع المرتقب يُتوقع تُعاد هيكلة وقوات ودمشق
آليات تنسيق تضمن وطني موحد عليه بالتعاون والانتشار أقام عملياته تشمل عين وأربيل ومجمّع الاتحاد
ببغداد بينما تنتشر والحسكة المقال
"""

ENGLISH_TEXT = """
the and in to coalition of Syria Syrian with that The on has al its against at Iraq
International Coalition for an visit it as support Washington through areas from forces is Free
Army be President Sharaa this accession will other partner was major his international new
country stability liberated military coordination training logistical local most group Tanf
November Barrack by Ahmed official United States led since president terrorist organization
stressing part relations years Since Assad counter terrorism expansion members states making
which Funding unified established government more than Forces within framework ground operations
Deir ez Zor effective hand base border between one there bases Monday Historic Shift Joins
Against What Are Implications appears threshold pivotal stage Special Envoy Tom announced
upcoming tenth month aims sign document Donald Trump announcing Speaking Manama Dialogue
conference Bahrain explained join countries formed confront when swept represents shift entire
region For Foreign Minister Asaad Shaibani confirmed televised remarks early noting
reconstruction central focus talks administration seeks balanced partnership normal all powers
Observers believe historic marks beginning era American after estrangement never before received
taking power December following ouster Bashar worked reposition politically diplomatically open
channels West gateway Origins Composition founded September collective response Today
organizations alike largest kind Second World War pursues strategy aimed inflicting lasting
defeat dismantling networks drying up sources funding countering propaganda supporting control
leads Combined Joint Task Force Operation Inherent Resolve oversees intelligence among provides
Development Programs does not have single fund instead relies contributions member Among
prominent instruments Facility Immediate Stabilization June Iraqi rebuilding facility carried
out projects locations including repair infrastructure basic services helped million displaced
people return their homes Relations Partner operates authorities bring Over past relied
Democratic main north east where Raqqa air provided equipment assistance clearing mines securing
civilian force war On also coordinates located triangle Jordan important positions inside
territory British operate alongside factions joined Ministry Defense Victory Declaration charted
post phase security missions prevent cells returning desert Badia secure supply lines monitor
movements across This presence regarded strategic pillar forms geographical barrier same time
tool monitoring any activity threatens regional With anticipated relationship Damascus expected
restructured mechanisms ensure efforts continue national overseen cooperation Bases Military
Deployment In these include Ain Asad Erbil Union compound Baghdad while are Hasakah
"""

ARABIC = ARABIC_TEXT.split()
ENGLISH = ENGLISH_TEXT.split()
